// Command sdkgen writes the plugin's SDKs with Pulumi's own code generators (pkg/codegen), the way
// Pulumi's larger providers do (their pulumi-gen-<name> programs): `pulumi package gen-sdk` cannot,
// as it asks language hosts that can be built here and they do not implement GeneratePackage.
//
// Usage: sdkgen -schema schema.json -out sdk -pulumi-sdk v3.248.0 [-languages python,go]
// Each language's files go to <out>/<language>; the folder is emptied first. For Go it also writes a
// go.mod (module = the import base path's parent) requiring the Go SDK at -pulumi-sdk.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// tool is the name the generators write into each file's "do not edit" header.
const tool = "pulumi-alicloud-live-sdkgen"

const pulumiGoSdk = "github.com/pulumi/pulumi/sdk/v3"

func main() {
	schemaPath := flag.String("schema", "", "the package schema (JSON)")
	out := flag.String("out", "", "the folder the SDKs go to, one subfolder per language")
	languages := flag.String("languages", "python,go", "comma-separated languages to generate")
	pulumiSdk := flag.String("pulumi-sdk", "", "the Go SDK version sdk/go/go.mod requires, e.g. v3.248.0")
	flag.Parse()
	if *schemaPath == "" || *out == "" || *pulumiSdk == "" {
		fail("-schema, -out and -pulumi-sdk are required")
	}
	if err := run(*schemaPath, *out, strings.Split(*languages, ","), *pulumiSdk); err != nil {
		fail(err.Error())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "sdkgen: "+message)
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

func run(schemaPath, out string, languages []string, pulumiSdk string) error {
	for _, language := range languages {
		// Each generator adds its own language info to the package: bind afresh for each.
		pkg, err := bindSchema(schemaPath)
		if err != nil {
			return err
		}
		var files map[string][]byte
		switch language {
		case "python":
			files, err = pygen.GeneratePackage(tool, pkg, nil, noLoader{})
		case "go":
			files, err = generateGo(pkg, pulumiSdk)
		default:
			return fmt.Errorf("unknown language %q (known: python, go)", language)
		}
		if err != nil {
			return fmt.Errorf("generating the %s SDK: %w", language, err)
		}
		if err := writeFiles(filepath.Join(out, language), files); err != nil {
			return err
		}
		fmt.Printf("%s: %d files in %s\n", language, len(files), filepath.Join(out, language))
	}
	return nil
}

func generateGo(pkg *schema.Package, pulumiSdk string) (map[string][]byte, error) {
	files, err := gogen.GeneratePackage(tool, pkg, nil)
	if err != nil {
		return nil, err
	}
	info, _ := pkg.Language["go"].(gogen.GoPackageInfo)
	if info.ImportBasePath == "" {
		return nil, fmt.Errorf("the schema's language.go.importBasePath is empty: the Go SDK needs a module path")
	}
	// The files sit below the import base path's last element, so the module is its parent.
	module := path.Dir(info.ImportBasePath)
	files["go.mod"] = []byte(fmt.Sprintf("module %s\n\ngo 1.25\n\nrequire %s %s\n", module, pulumiGoSdk, pulumiSdk))
	return files, nil
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
