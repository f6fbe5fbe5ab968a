export {
  type RecordedEmail,
  type RecordingResendServer,
  startRecordingResendServer,
} from "./recording-resend-server";
