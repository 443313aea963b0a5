/** Op definitions: lookup tables (kernels: src/runtime/kernels/tables.ts). */
import type { OpSpecTable } from '../opdef.js';

const tableAttrs = ["container: string = ''", "shared_name: string = ''", 'use_node_name_sharing: bool = false', 'key_dtype: type', 'value_dtype: type'];
const textAttrs = ['key_index: int >= -2', 'value_index: int >= -2', 'vocab_size: int >= -1 = -1', "delimiter: string = '\t'", 'offset: int = 0'];

export const tableOps: OpSpecTable = {
  HashTable: { out: ['table_handle: Ref(string)'], attrs: tableAttrs, stateful: true },
  HashTableV2: { out: ['table_handle: resource'], attrs: tableAttrs, stateful: true },
  InitializeTable: { in: ['table_handle: Ref(string)', 'keys: Tkey', 'values: Tval'], stateful: true },
  InitializeTableV2: { in: ['table_handle: resource', 'keys: Tkey', 'values: Tval'], stateful: true },
  InitializeTableFromTextFile: { in: ['table_handle: Ref(string)', 'filename: string'], attrs: textAttrs, stateful: true },
  InitializeTableFromTextFileV2: { in: ['table_handle: resource', 'filename: string'], attrs: textAttrs, stateful: true },
  LookupTableFind: { in: ['table_handle: Ref(string)', 'keys: Tin', 'default_value: Tout'], out: ['values: Tout'], stateful: true },
  LookupTableFindV2: { in: ['table_handle: resource', 'keys: Tin', 'default_value: Tout'], out: ['values: Tout'], stateful: true },
  LookupTableImport: { in: ['table_handle: Ref(string)', 'keys: Tin', 'values: Tout'], stateful: true },
  LookupTableImportV2: { in: ['table_handle: resource', 'keys: Tin', 'values: Tout'], stateful: true },
  LookupTableSize: { in: ['table_handle: Ref(string)'], out: ['size: int64'], stateful: true },
  LookupTableSizeV2: { in: ['table_handle: resource'], out: ['size: int64'], stateful: true },
  LookupTableExportV2: { in: ['table_handle: resource'], out: ['keys: Tkeys', 'values: Tvalues'], stateful: true },
};
