export { type AccountExistsEmailInput, accountExistsEmail } from "./account-exists";
export { type ActivationEmailInput, activationEmail } from "./activation";
