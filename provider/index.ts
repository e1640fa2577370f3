export { ImageMember, type ImageMemberArgs } from "./resource/image-member";
export type { ImageMemberInputs, ImageMemberOutputs } from "./resource/image-member-inputs";
export type { MemberStatus } from "./glance/member";
export { ImageMemberError, HttpError, isImageMemberError, type ErrorCode } from "./errors";
