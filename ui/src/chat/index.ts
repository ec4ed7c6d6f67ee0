// The chat domain: what other domains may use of it.
export { createChat, type Chat, type CatalogueForChat, type Exchange, type PromptAdoption, type PromptSnapshot } from "./store";
export { createConversation, type Conversation } from "./conversation";
export {
  clampedToModel,
  defaultParamsForm,
  disabledControls,
  formOfParams,
  modelErrors,
  parseParams,
  withReasoningBudget,
  type ParamErrors,
  type ParamsForm,
} from "./params";
export { contextFor } from "./reply";
export { ChatSidebar } from "./ChatSidebar";
export { StopSequencesField } from "./StopSequencesField";
export { Composer } from "./Composer";
export { TopBar } from "./TopBar";
export { Transcript } from "./Transcript";
