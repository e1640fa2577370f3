package main

import (
	"slices"

	"github.com/pulumi-image-member/pulumi-image-member/sdk/go/imagemember"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func shareImage(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	imageID := cfg.Require("imageId")
	var memberIDs, importMemberIDs []string
	cfg.RequireObject("memberIds", &memberIDs)
	cfg.GetObject("importMemberIds", &importMemberIDs)

	statuses := pulumi.StringMap{}
	for _, memberID := range memberIDs {
		var opts []pulumi.ResourceOption
		if slices.Contains(importMemberIDs, memberID) {
			opts = append(opts, pulumi.Import(pulumi.ID(imageID+"/"+memberID)))
		}
		share, err := imagemember.NewImageMember(ctx, "share-"+memberID, &imagemember.ImageMemberArgs{
			ImageId:  pulumi.String(imageID),
			MemberId: pulumi.String(memberID),
		}, opts...)
		if err != nil {
			return err
		}
		statuses[memberID] = share.Status
	}
	ctx.Export("statuses", statuses)
	return nil
}
