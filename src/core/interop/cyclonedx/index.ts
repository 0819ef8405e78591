/** CycloneDX 1.6 ML-BOMs: import, and export of one model's upstream closure. */
export { cycloneDxModule } from './cyclonedx-module.ts';
export { exportMlBom, uuidFromHash, type CycloneDxBom, type MlBomOptions } from './export-ml-bom.ts';
