// Command sdkgen-java writes the plugin's Java SDK with Pulumi's own Java code generator
// (github.com/pulumi/pulumi-java/pkg/codegen/java, v1.17.0). It is a Go module of its own, apart from
// tools/sdkgen/gen, because pulumi-java v1.17.0 compiles only against its own pkg/v3 (v3.205.0), not
// the v3.248.0 the other generators use; docs/languages.md has the details.
//
// Usage: sdkgen-java -schema schema.json -out sdk -group-id G -artifact-id A
// The files go to <out>/java (emptied first): the generator's sources and resources, with no Gradle
// build (the schema says buildFiles "none"), then the two files the Gradle build would have made,
// written here instead so that a plain Maven build makes a complete SDK jar:
//   - pom.xml: groupId G, artifactId A, the schema's version, the generator's dependencies;
//   - src/main/resources/<package path>/plugin.json: the plugin the SDK needs (name, version, and
//     the schema's pluginDownloadURL as "server" when it has one), which the Java SDK reports to the engine.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	javagen "github.com/pulumi/pulumi-java/pkg/codegen/java"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// tool is the name the generator writes into each file's "do not edit" header.
const tool = "pulumi-alicloud-live-sdkgen"

// javaRelease is the Java release the pom compiles for: the oldest the Pulumi Java SDK supports (11).
const javaRelease = "11"

func main() {
	schemaPath := flag.String("schema", "", "the package schema (JSON)")
	out := flag.String("out", "", "the folder the SDK goes to, as <out>/java")
	groupID := flag.String("group-id", "", "the Maven groupId of the SDK")
	artifactID := flag.String("artifact-id", "", "the Maven artifactId of the SDK")
	flag.Parse()
	if *schemaPath == "" || *out == "" || *groupID == "" || *artifactID == "" {
		fail("-schema, -out, -group-id and -artifact-id are required")
	}
	if err := run(*schemaPath, *out, *groupID, *artifactID); err != nil {
		fail(err.Error())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "sdkgen-java: "+message)
	os.Exit(1)
}

// bindSchema reads and validates the schema (BindSpec checks it against Pulumi's metaschema).
func bindSchema(schemaPath string) (*schema.Package, error) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return nil, fmt.Errorf("%s is not a package schema: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noLoader{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("the schema does not bind: %s", diags.Error())
	}
	return pkg, nil
}

func run(schemaPath, out, groupID, artifactID string) error {
	pkg, err := bindSchema(schemaPath)
	if err != nil {
		return err
	}
	if err := pkg.ImportLanguages(map[string]schema.Language{"java": javagen.Importer}); err != nil {
		return err
	}
	declared, _ := pkg.Language["java"].(javagen.PackageInfo)
	if declared.BuildFiles != "none" {
		return fmt.Errorf(`the schema's language.java.buildFiles is %q: it must be "none" (the SDK's build is the pom.xml written here)`, declared.BuildFiles)
	}
	if pkg.Version == nil {
		return fmt.Errorf("the schema has no version: the SDK's pom.xml needs one")
	}
	// GeneratePackage fills in a placeholder description and repository when they are empty: keep the schema's.
	description, repository := pkg.Description, pkg.Repository
	files, err := javagen.GeneratePackage(tool, pkg, nil, nil, false, false)
	if err != nil {
		return fmt.Errorf("generating the Java SDK: %w", err)
	}
	// GeneratePackage leaves the package info it used (defaults filled in) in the package.
	info, ok := pkg.Language["java"].(*javagen.PackageInfo)
	if !ok {
		return fmt.Errorf("the Java generator left no package info (%T)", pkg.Language["java"])
	}
	packagePath := strings.ReplaceAll(info.BasePackageOrDefault()+pkg.Name, ".", "/")
	if _, ok := files["src/main/resources/"+packagePath+"/version.txt"]; !ok {
		return fmt.Errorf("the Java generator wrote no src/main/resources/%s/version.txt: the package path is not what sdkgen-java expects", packagePath)
	}
	pom, err := renderPom(pkg, info, pomContext{GroupID: groupID, ArtifactID: artifactID, Description: description, URL: repository})
	if err != nil {
		return err
	}
	files["pom.xml"] = pom
	files["src/main/resources/"+packagePath+"/plugin.json"] = pluginJSON(pkg)

	dir := filepath.Join(out, "java")
	if err := writeFiles(dir, files); err != nil {
		return err
	}
	fmt.Printf("java: %d files in %s\n", len(files), dir)
	return nil
}

// pluginJSON is what the Gradle build's genPulumiResources task writes: the Java SDK reads it to tell
// the engine which plugin (and from where) the program needs.
func pluginJSON(pkg *schema.Package) []byte {
	info := struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server,omitempty"`
	}{true, pkg.Name, pkg.Version.String(), pkg.PluginDownloadURL}
	data, _ := json.MarshalIndent(info, "", "  ")
	return append(data, '\n')
}

type dependency struct{ GroupID, ArtifactID, Version string }

type pomContext struct {
	GroupID, ArtifactID, Version, Name, Description, URL, License, LicenseURL, JavaRelease string
	Dependencies                                                                          []dependency
}

var pomTemplate = template.Must(template.New("pom.xml").Parse(`<?xml version="1.0" encoding="UTF-8"?>
<!-- *** WARNING: this file was generated by {{.Tool}}. *** -->
<!-- *** Do not edit by hand unless you're certain you know what you are doing! *** -->
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
    <modelVersion>4.0.0</modelVersion>

    <groupId>{{.GroupID}}</groupId>
    <artifactId>{{.ArtifactID}}</artifactId>
    <version>{{.Version}}</version>
    <packaging>jar</packaging>

    <name>{{.Name}}</name>
    <description>{{.Description}}</description>
{{- if .URL}}
    <url>{{.URL}}</url>
{{- end}}
{{- if .License}}

    <licenses>
        <license>
            <name>{{.License}}</name>
{{- if .LicenseURL}}
            <url>{{.LicenseURL}}</url>
{{- end}}
        </license>
    </licenses>
{{- end}}

    <properties>
        <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
        <maven.compiler.release>{{.JavaRelease}}</maven.compiler.release>
    </properties>

    <dependencies>
{{- range .Dependencies}}
        <dependency>
            <groupId>{{.GroupID}}</groupId>
            <artifactId>{{.ArtifactID}}</artifactId>
            <version>{{.Version}}</version>
        </dependency>
{{- end}}
    </dependencies>

    <build>
        <plugins>
            <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>3.13.0</version>
            </plugin>
            <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-resources-plugin</artifactId>
                <version>3.3.1</version>
            </plugin>
            <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-jar-plugin</artifactId>
                <version>3.4.2</version>
            </plugin>
            <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-install-plugin</artifactId>
                <version>3.1.3</version>
            </plugin>
            <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-surefire-plugin</artifactId>
                <version>3.5.2</version>
            </plugin>
        </plugins>
    </build>
</project>
`))

// renderPom fills in the rest of `given` (coordinates, description and URL) from the package and the info.
func renderPom(pkg *schema.Package, info *javagen.PackageInfo, given pomContext) ([]byte, error) {
	given.Version = pkg.Version.String()
	given.Name = pkg.DisplayName
	given.License = pkg.License
	given.JavaRelease = javaRelease
	ctx := struct {
		pomContext
		Tool string
	}{given, tool}
	if ctx.Name == "" {
		ctx.Name = pkg.Name
	}
	if pkg.License == "Apache-2.0" {
		ctx.License, ctx.LicenseURL = "The Apache License, Version 2.0", "https://www.apache.org/licenses/LICENSE-2.0.txt"
	}
	keys := make([]string, 0, len(info.Dependencies))
	for key := range info.Dependencies {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		parts := strings.Split(key, ":")
		if len(parts) != 2 {
			return nil, fmt.Errorf("the Java dependency %q is not groupId:artifactId", key)
		}
		ctx.Dependencies = append(ctx.Dependencies, dependency{parts[0], parts[1], info.Dependencies[key]})
	}
	var buf bytes.Buffer
	if err := pomTemplate.Execute(&buf, ctx); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeFiles replaces dir with exactly files (sorted, so the output order is stable).
func writeFiles(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
