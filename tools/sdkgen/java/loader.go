package main

import (
	"context"
	"fmt"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noLoader is the loader for a schema that refers to no other package: asked for one, it fails
// (rather than starting plugins to fetch their schemas, as Pulumi's plugin loader would).
type noLoader struct{}

var _ schema.ReferenceLoader = noLoader{}

func refused(name string) error {
	return fmt.Errorf("the schema refers to package %q; sdkgen loads no other package's schema", name)
}

func (noLoader) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, refused(pkg)
}

func (noLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, refused(d.Name)
}

func (noLoader) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, refused(pkg)
}

func (noLoader) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, refused(d.Name)
}
