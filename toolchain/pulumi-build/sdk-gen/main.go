// Command sdk-gen writes a Pulumi package's SDK for one language from its schema,
// with the code generators of github.com/pulumi/pulumi/pkg/v3 that the language
// hosts' GeneratePackage calls. It stands in for `pulumi package gen-sdk` on
// machines whose language hosts predate GeneratePackage: the CLI delegates SDK
// generation to the host of each language, and the hosts that can be built here
// (toolchain/ensure-pulumi.sh, toolchain/ensure-language-hosts.sh) are too old for
// it, while the Go host is not served at all.
//
//	sdk-gen -schema schema.json -language go|nodejs|python -out DIR [-local]
//
// -local makes a Node.js SDK that builds itself on `npm install`, as
// `pulumi package add` makes one. A Go SDK gets a go.mod beside its package
// folder (module: the schema's importBasePath less its last element), so that a
// program can take it with one `replace` line, as `pulumi package add` does.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-image-member sdk-gen"

func main() {
	schemaPath := flag.String("schema", "", "the package schema (JSON)")
	language := flag.String("language", "", "go, nodejs or python")
	out := flag.String("out", "", "the directory to write the SDK into")
	local := flag.Bool("local", false, "a local Node.js SDK, built on npm install")
	flag.Parse()
	if *schemaPath == "" || *language == "" || *out == "" {
		fail(fmt.Errorf("usage: sdk-gen -schema FILE -language go|nodejs|python -out DIR [-local]"))
	}
	files, err := generate(*schemaPath, *language, *local)
	if err != nil {
		fail(err)
	}
	if err := write(*out, files); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "sdk-gen: %v\n", err)
	os.Exit(1)
}

// generate binds the schema (validating it against Pulumi's metaschema) and
// runs the language's generator over it.
func generate(schemaPath, language string, local bool) (map[string][]byte, error) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noReferences{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s is not a valid package schema: %v", schemaPath, diags)
	}
	switch language {
	case "go":
		return goPackage(pkg)
	case "nodejs":
		return nodejs.GeneratePackage(tool, pkg, nil, nil, local, noReferences{})
	case "python":
		return python.GeneratePackage(tool, pkg, nil, noReferences{})
	default:
		return nil, fmt.Errorf("no generator for language %q (go, nodejs or python)", language)
	}
}

func goPackage(pkg *schema.Package) (map[string][]byte, error) {
	files, err := gogen.GeneratePackage(tool, pkg, nil)
	if err != nil {
		return nil, err
	}
	if err := pkg.ImportLanguages(map[string]schema.Language{"go": gogen.Importer}); err != nil {
		return nil, err
	}
	info, _ := pkg.Language["go"].(gogen.GoPackageInfo)
	if info.ImportBasePath == "" {
		return nil, fmt.Errorf("the schema has no language.go.importBasePath")
	}
	sdk, err := sdkVersion()
	if err != nil {
		return nil, err
	}
	files["go.mod"] = []byte(fmt.Sprintf("module %s\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 %s\n",
		path.Dir(info.ImportBasePath), sdk))
	return files, nil
}

// sdkVersion is the github.com/pulumi/pulumi/sdk/v3 release this generator was
// built with: the one its Go code is written for.
func sdkVersion() (string, error) {
	if build, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range build.Deps {
			if dep.Path == "github.com/pulumi/pulumi/sdk/v3" {
				return dep.Version, nil
			}
		}
	}
	return "", fmt.Errorf("cannot tell which github.com/pulumi/pulumi/sdk/v3 this generator was built with")
}

// noReferences loads no other package: the schema refers to none, and one that
// did would need the other package's plugin.
type noReferences struct{}

func (noReferences) refuse(name string) error {
	return fmt.Errorf("the schema refers to package %q; sdk-gen loads no other package", name)
}

func (l noReferences) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refuse(name)
}

func (l noReferences) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refuse(d.Name)
}

func (l noReferences) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refuse(name)
}

func (l noReferences) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, l.refuse(d.Name)
}

func write(dir string, files map[string][]byte) error {
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
