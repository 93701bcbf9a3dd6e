// Delivery to graduates (CLI side: Node only): pairs an issue run's holder files with the
// graduates' addresses and mails each their credential, or writes .eml files and a mail merge.
export {
  composeMessage,
  DEFAULT_SUBJECT,
  type MessageSettings,
  type ShareForMessage,
} from "./composeMessage.ts";
export {
  type DeliverOptions,
  type DeliveryEvent,
  deliverCredentials,
  RecipientsUnusableError,
} from "./deliverCredentials.ts";
export { DELIVERY_JOURNAL_FILE } from "./deliveryJournal.ts";
export { MailServerError, RecipientsFileError } from "./errors.ts";
export {
  type MailSender,
  renderMessage,
  type SendOutcome,
  SMTP_PASSWORD_VARIABLE,
  smtpSender,
} from "./mailSender.ts";
export { type Delivery, type DeliveryPlan, planDelivery } from "./planDelivery.ts";
export {
  describeRecipientProblem,
  isMailAddress,
  type Recipient,
  type RecipientColumns,
  type RecipientList,
  type RecipientProblem,
  readRecipients,
} from "./recipients.ts";
export {
  type DeliveryLine,
  type DeliveryReport,
  type DeliveryState,
  formatDeliveryReport,
  REPORT_FILE,
} from "./report.ts";
