// The model catalogue domain: what other domains may use of it.
export { createCatalogue, type Catalogue } from "./store";
export { preferredModel } from "./preferredModel";
export { groupModels, modelFacts } from "./catalogue";
export {
  additionalFieldsJson,
  controlsFor,
  MIN_REASONING_BUDGET,
  parseAdditionalFields,
  rememberCapabilities,
  type AdditionalFields,
  type ModelControls,
} from "./modelControls";
export { familyLabel } from "./families";
export { estimateCost, formatCost } from "./cost";
export { ModelPicker } from "./ModelPicker";
