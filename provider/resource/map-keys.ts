/**
 * Project ids as keys of the maps Pulumi carries between a program, the engine and the provider
 * (`members` and `shares` of an ImageMemberSet, `members` and `statuses` of an ImageShare).
 */

/**
 * The key under which the engine's wire format marks a secret or an asset: a project with this id
 * cannot be a key of `members`.
 */
const PULUMI_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

/**
 * Why a project id cannot be the key of a map Pulumi carries (`members` and `shares` of an
 * ImageMemberSet, `members` and `statuses` of an ImageShare), or undefined when it can. Two ids
 * cannot: the key the wire format reserves, and `__proto__`, which the SDK's conversion of a
 * property map (google-protobuf's `Struct.toJavaScript`, by assignment) turns into the object's
 * prototype, so the project would silently vanish between the engine and the provider. Any other
 * name (`constructor`, `toString`) travels as it is.
 */
export function mapKeyProblem(memberId: string): string | undefined {
  if (memberId === PULUMI_SIGNATURE_KEY)
    return `memberId ${memberId} is the key Pulumi's state format reserves; share with this project through an ImageMember.`;
  if (memberId === "__proto__")
    return "memberId __proto__ cannot be a key of Pulumi's property maps (it is lost on the way to the provider); share with this project through an ImageMember.";
  return undefined;
}
