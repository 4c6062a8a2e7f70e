// How one exported profile is written: a CSV record, or a JSON Lines line in the document's shape.
import type { Entity, Owner } from '../../profiles';
import { serializeEntity } from '../../profiles';
import type { Column } from '../rows/rowSource';
import { csvHeader, csvRow } from './csv';

export type ExportFormat = 'csv' | 'jsonl';

export interface LineWriter {
  /** The lines need only ID, fields, interests and modified (CSV): the export may ask for less. */
  dataOnly: boolean;
  /** Written once at the top of the file ('' for JSON Lines). */
  header: string;
  line(entity: Entity): string;
}

export function lineWriter(
  format: ExportFormat,
  columns: readonly Column[],
  owner: Owner,
): LineWriter {
  if (format === 'csv')
    return {
      dataOnly: true,
      header: csvHeader(columns),
      line: (entity) => csvRow(entity, columns),
    };
  // The document's own serializer decides the shape and the field order; compacted to one line.
  return {
    dataOnly: false,
    header: '',
    line: (entity) => `${JSON.stringify(JSON.parse(serializeEntity(entity, owner)))}\n`,
  };
}
