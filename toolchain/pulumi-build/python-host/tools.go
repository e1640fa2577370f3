//go:build tools

// Package tools pins the main package built by toolchain/ensure-language-hosts.sh.
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"
)
