import { ImageMemberError } from "../errors";

/** One resource that manages members of an image, as a program or the plugin sees it. */
export interface ImageClaim {
  /** What names it in a message: `ImageMemberSet golden` or a URN. */
  by: string;
  /** An exclusive ImageMemberSet: it revokes every member it does not declare. */
  exclusive: boolean;
}

/**
 * The resources of one program (or one plugin process) that manage each image's members, by image
 * id, so that an exclusive set and another resource for the same image are refused: the set would
 * revoke the other's members at every refresh and up.
 */
export class ImageClaims {
  private readonly byImage = new Map<string, ImageClaim[]>();

  /** Records `claim` for `imageId`, or throws ERR_EXCLUSIVE_CONFLICT; the same `by` again replaces its own. */
  claim(imageId: string, claim: ImageClaim): void {
    const others = (this.byImage.get(imageId.toLowerCase()) ?? []).filter((c) => c.by !== claim.by);
    const rival = others.find((other) => other.exclusive || claim.exclusive);
    if (rival) throw exclusiveConflict(imageId, claim, rival);
    this.byImage.set(imageId.toLowerCase(), [...others, claim]);
  }
}

function exclusiveConflict(imageId: string, claim: ImageClaim, rival: ImageClaim): ImageMemberError {
  const [set, other] = rival.exclusive ? [rival, claim] : [claim, rival];
  return new ImageMemberError(
    "ERR_EXCLUSIVE_CONFLICT",
    `Declare image ${imageId}'s members in one place: ${set.by} is exclusive for it, so it would revoke the members of ${other.by}.`,
    { hint: "Move those projects into the exclusive set's memberIds, or set exclusive: false." },
  );
}
