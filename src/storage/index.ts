// remote-rendering-client/storage: local models to Azure Blob Storage and back, for conversions — preflight,
// upload, SAS, the whole `convertModel`, and the conversion's result.json / info.json. Node only, and a
// separate entry: the core client never loads @azure/storage-blob.
export { convertModel, type ConvertModelOptions, type ConvertModelResult, type ConvertStep } from "./convert.js";
export { StorageError, type StorageErrorCode, type StorageErrorInit } from "./errors.js";
export { parseConnectionString, containerOf, type StorageAccount, AZURITE_ACCOUNT_NAME, AZURITE_ACCOUNT_KEY } from "./connection-string.js";
export { preflight, blobPrefixFor, SUPPORTED_FORMATS, type PreflightOptions, type ModelPlan, type PlannedFile } from "./preflight.js";
export { uploadFiles, type UploadOptions, type UploadProgress, type UploadSummary } from "./upload.js";
export { defaultCacheDir } from "./cache-dir.js";
export { containerSas, blobReadUrl, sasLifetimeMs, MIN_SAS_LIFETIME_MS, type SasOptions } from "./sas.js";
export { containerName, containerClient, ensureContainer, DEFAULT_INPUT_CONTAINER, DEFAULT_OUTPUT_CONTAINER } from "./containers.js";
export { readConversionOutputs, outputBlobs, type ConversionOutputs } from "./outputs.js";
export {
  parseSettingsFile,
  withDefaults,
  type ConversionSettingsFile,
  type ConversionSettingsInput,
  type ConversionResultFile,
  type ConversionResultEntry,
  type ConversionInfoFile,
} from "./settings-file.js";
