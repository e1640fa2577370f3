export { ImageMember, type ImageMemberArgs } from "./resource/image-member";
export { ImageMemberAcceptance, type ImageMemberAcceptanceArgs } from "./resource/image-member-acceptance";
export { ImageShare, type ImageShareArgs } from "./resource/image-share";
export { ImageMemberSet, type ImageMemberSetArgs } from "./resource/image-member-set";
export type { ImageMemberInputs, ImageMemberOutputs } from "./resource/image-member-inputs";
export type {
  ImageMemberSetInputs,
  ImageMemberSetOutputs,
  SetShare,
} from "./resource/image-member-set-inputs";
export type {
  ImageMemberAcceptanceInputs,
  ImageMemberAcceptanceOutputs,
} from "./resource/image-member-acceptance-inputs";
export type { MemberStatus } from "./glance/member";
export { ImageMemberError, HttpError, isImageMemberError, type ErrorCode } from "./errors";
