// The Go example's program (examples/plugin-programs/go, shareImage) run as an Automation API
// inline program: the Go SDK serves the language runtime in this process, so no Go language host
// is needed (none is served by the Go module proxy). The end-to-end test copies this file over
// the example's main.go and runs one operation per call, against the stack in the working
// directory (its Pulumi.yaml, config and backend come from the environment and the CLI):
//
//	share-image-go-inline STACK up|refresh|preview|destroy
//
// preview expects no changes and fails if there are any.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: share-image-go-inline STACK up|refresh|preview|destroy")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "share-image-go-inline: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, stackName, operation string) error {
	stack, err := auto.SelectStackInlineSource(ctx, stackName, "share-image-go", shareImage, auto.WorkDir("."))
	if err != nil {
		return err
	}
	out, errs := os.Stdout, os.Stderr
	switch operation {
	case "up":
		_, err = stack.Up(ctx, optup.ProgressStreams(out), optup.ErrorProgressStreams(errs))
	case "refresh":
		_, err = stack.Refresh(ctx, optrefresh.ProgressStreams(out), optrefresh.ErrorProgressStreams(errs))
	case "preview":
		_, err = stack.Preview(ctx, optpreview.ExpectNoChanges(), optpreview.Diff(),
			optpreview.ProgressStreams(out), optpreview.ErrorProgressStreams(errs))
	case "destroy":
		_, err = stack.Destroy(ctx, optdestroy.ProgressStreams(out), optdestroy.ErrorProgressStreams(errs))
	default:
		return fmt.Errorf("unknown operation %q", operation)
	}
	return err
}
