// The owner shares an image with each project of `memberIds` through the image-member plugin's
// generated Go SDK; removing a project from the list revokes its share. A project listed in
// `importMemberIds` too is a share made outside Pulumi: it is imported, not created.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(shareImage)
}
