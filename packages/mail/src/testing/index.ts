export {
  type RecordedEmail,
  type RecordingResendServer,
  type RecordingResendServerOptions,
  type ResendFailure,
  startRecordingResendServer,
} from "./recording-resend-server";
