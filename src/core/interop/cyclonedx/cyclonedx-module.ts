/** CycloneDX BOMs (JSON), recognised by `"bomFormat": "CycloneDX"`. */
import type { FormatModule } from '../format-module.ts';
import { BomRead } from './read-bom.ts';

export const cycloneDxModule: FormatModule = {
  format: 'cyclonedx',
  matchesJson(v) {
    return v.bomFormat === 'CycloneDX';
  },
  createReader(draft) {
    return {
      readJson(value, place) {
        new BomRead(draft, value, place).read();
      },
      finish() {},
    };
  },
};
