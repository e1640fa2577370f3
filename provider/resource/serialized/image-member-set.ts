// See ./image-member.ts: this path is part of the state format.
import { forwardingProvider } from "../forwarding-provider";

export = forwardingProvider("imageMemberSet");
