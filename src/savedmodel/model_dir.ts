/**
 * Finding what to load: the SavedModel directory (a TF Serving base directory of numbered
 * versions loads its highest version), the MetaGraphDef for a tag set, and asset paths, which
 * must stay inside the model directory.
 */
import { SavedModelError } from '../errors.js';
import { isContainedRelativePath, joinPath, type FileSystem } from '../io/index.js';
import { tensorflow } from '../proto/index.js';
import { decodeMessage } from './decode.js';
import { ASSETS_DIRECTORY, ASSETS_KEY, SAVED_MODEL_FILENAME_PB, SAVED_MODEL_FILENAME_PBTXT, SERVING } from './constants.js';
import { interruptedSaveBackup } from './writer_fs.js';

async function holdsSavedModel(fs: FileSystem, dir: string): Promise<boolean> {
  return (await fs.exists(joinPath(dir, SAVED_MODEL_FILENAME_PB))) || (await fs.exists(joinPath(dir, SAVED_MODEL_FILENAME_PBTXT)));
}

/**
 * The directory to load for `dir`: `dir` itself when it holds a SavedModel, else its highest
 * numbered version subdirectory holding one (TF Serving's layout), else `dir` (reading it then
 * reports what is missing). A legacy TF Serving session bundle (export.meta + checkpoint) is
 * UNIMPLEMENTED.
 */
export async function resolveModelDir(fs: FileSystem, dir: string): Promise<string> {
  const backup = await interruptedSaveBackup(fs, dir);
  if (backup !== undefined) return backup; // a save over `dir` was killed midway: the old model is intact there
  if (!(await fs.exists(dir)) || !(await fs.isDirectory(dir)) || (await holdsSavedModel(fs, dir))) return dir;
  const versions = (await fs.list(dir)).filter((n) => /^\d+$/.test(n)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const sub = joinPath(dir, v);
    if ((await fs.isDirectory(sub)) && (await holdsSavedModel(fs, sub))) return sub;
  }
  if ((await fs.exists(joinPath(dir, 'export.meta'))) && (await fs.exists(joinPath(dir, 'checkpoint')))) {
    throw new SavedModelError('UNIMPLEMENTED', `${dir}: a legacy TF Serving session bundle (export.meta + a V1 checkpoint), not a SavedModel; re-export it with SavedModelBuilder or tf.saved_model.save`);
  }
  return dir;
}

function tagSetText(tags: readonly string[]): string {
  return `{${[...tags].sort().map((t) => `'${t}'`).join(', ')}}`;
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((t) => sb.has(t));
}

/**
 * The meta graph whose tag set is exactly `tags`. Without `tags`: the only meta graph, else the
 * one tagged just `serve`. NOT_FOUND lists the available tag sets.
 */
export function selectMetaGraph(sm: tensorflow.SavedModel, tags?: readonly string[]): tensorflow.MetaGraphDef {
  const graphs = sm.metaGraphs as tensorflow.MetaGraphDef[];
  const tagsOf = (mg: tensorflow.MetaGraphDef): string[] => mg.metaInfoDef?.tags ?? [];
  const available = `[${graphs.map((mg) => tagSetText(tagsOf(mg))).join(', ')}]`;
  if (tags === undefined) {
    if (graphs.length === 1) return graphs[0];
    const serving = graphs.find((mg) => sameTags(tagsOf(mg), [SERVING]));
    if (serving) return serving;
    throw new SavedModelError('INVALID_ARGUMENT', `the SavedModel has ${graphs.length} MetaGraphDefs; pass tags to choose one of the available tag sets ${available}`);
  }
  const found = graphs.find((mg) => sameTags(tagsOf(mg), tags));
  if (!found) {
    throw new SavedModelError(
      'NOT_FOUND',
      `MetaGraphDef associated with tags ${tagSetText(tags)} could not be found in SavedModel, with available tags '${available}'. To inspect available tag-sets in the SavedModel, use saved-model-cli show --dir DIR`,
    );
  }
  return found;
}

/** The path of asset `filename` inside the model; PERMISSION_DENIED when it would leave `assets/`. */
export function assetPath(exportDir: string, filename: string): string {
  if (!isContainedRelativePath(filename)) {
    throw new SavedModelError('PERMISSION_DENIED', `asset file name '${filename}' leaves the model's ${ASSETS_DIRECTORY}/ directory (absolute or with '..'); refused`);
  }
  return joinPath(exportDir, ASSETS_DIRECTORY, filename);
}

const ASSET_FILE_DEF_URL = 'type.googleapis.com/tensorflow.AssetFileDef';

/**
 * A meta graph's asset files: `asset_file_def` (TF ≥ 1.x Builder, TF2), else the AnyList
 * collection `saved_model_assets` older Builders wrote.
 */
export function assetFileDefs(mg: tensorflow.MetaGraphDef): tensorflow.AssetFileDef.$Properties[] {
  if (mg.assetFileDef && mg.assetFileDef.length > 0) return mg.assetFileDef;
  const anyList = mg.collectionDef?.[ASSETS_KEY]?.anyList?.value ?? [];
  return anyList.map((a, i) => {
    if (a.type_url !== ASSET_FILE_DEF_URL) {
      throw new SavedModelError('DATA_LOSS', `collection ${ASSETS_KEY} entry ${i} is a ${a.type_url}, expected ${ASSET_FILE_DEF_URL}`);
    }
    return decodeMessage(tensorflow.AssetFileDef, 'tensorflow.AssetFileDef', a.value ?? new Uint8Array(0), `collection ${ASSETS_KEY} entry ${i}`);
  });
}
