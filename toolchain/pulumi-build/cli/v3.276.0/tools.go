//go:build tools

// Package tools pins the main package built by toolchain/ensure-pulumi.sh.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
