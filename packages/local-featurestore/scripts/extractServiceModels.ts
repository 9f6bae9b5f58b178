/**
 * Extracts, from AWS's published service models, the shapes the local Feature Store's
 * operations use (transitively), with their constraints only: type, members, required,
 * length / range (min, max), pattern, enum, list members and map keys/values. No
 * documentation text. Writes src/model/service-models/<service>.json.
 *
 * Not run in CI. To regenerate (see the package README, "Where validation comes from"):
 *
 *   npx tsx packages/local-featurestore/scripts/extractServiceModels.ts \
 *     --source 'botocore 1.43.11 (PyPI), github.com/boto/botocore tag 1.43.11' \
 *     <botocore>/data/sagemaker/2017-07-24/service-2.json \
 *     <botocore>/data/sagemaker-featurestore-runtime/2020-07-01/service-2.json \
 *     <botocore>/data/cognito-identity/2014-06-30/service-2.json \
 *     packages/local-featurestore/scripts/service-model-supplements/sagemaker-featurestore-runtime.json
 *
 * Inputs are botocore service-2.json files (gzipped ones must be unpacked first, e.g.
 * `zcat service-2.json.gz > sagemaker.json`), or Smithy JSON AST models (aws-sdk-js-v3
 * codegen/sdk-codegen/aws-models/<service>.json), told apart by their `smithy` key.
 * A supplement (`"supplementFor": "<service uid>"`) adds operations and shapes that the
 * given model version lacks (`operations`, `shapes`) and restates shapes a newer version
 * of the service changed (`replaces`), citing where it was transcribed from.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

/** The operations each service's wire layer answers; their inputs are extracted. */
const SERVICES: Record<string, { file: string; operations: string[]; validationError: string; validationErrorSource: string }> = {
  'sagemaker-2017-07-24': {
    file: 'sagemaker.json',
    operations: [
      'CreateFeatureGroup',
      'DescribeFeatureGroup',
      'ListFeatureGroups',
      'DeleteFeatureGroup',
      'UpdateFeatureGroup',
      'DescribeFeatureMetadata',
      'UpdateFeatureMetadata',
      'Search',
    ],
    validationError: 'ValidationException',
    validationErrorSource:
      'not a shape of the model: the awsJson1_1 framework error every SageMaker operation can return (API Reference, Common Errors: ValidationException, 400)',
  },
  'sagemaker-featurestore-runtime-2020-07-01': {
    file: 'sagemaker-featurestore-runtime.json',
    operations: ['PutRecord', 'GetRecord', 'DeleteRecord', 'BatchGetRecord', 'UpdateRecord', 'ListRecords', 'BatchWriteRecord'],
    validationError: 'ValidationError',
    validationErrorSource: "the model's ValidationError shape (httpStatusCode 400), listed in every operation's errors",
  },
  'cognito-identity-2014-06-30': {
    file: 'cognito-identity.json',
    operations: ['GetId', 'GetCredentialsForIdentity'],
    validationError: 'InvalidParameterException',
    validationErrorSource: "the model's InvalidParameterException shape (httpStatusCode 400), listed in both operations' errors",
  },
};

type Json = Record<string, unknown>;
export interface ExtractedShape {
  type: string;
  members?: Record<string, { shape: string; location?: string; locationName?: string }>;
  required?: string[];
  member?: string;
  key?: string;
  value?: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}
interface LoadedModel {
  uid: string;
  format: 'botocore' | 'smithy';
  operations: Record<string, { input?: string; http?: { method: string; requestUri: string } }>;
  shapes: Record<string, ExtractedShape>;
}

const CONSTRAINTS = ['min', 'max', 'pattern', 'enum'] as const;

function fromBotocore(model: Json): LoadedModel {
  const metadata = model.metadata as Json;
  const operations: LoadedModel['operations'] = {};
  for (const [name, raw] of Object.entries((model.operations ?? {}) as Record<string, Json>)) {
    const http = raw.http as Json | undefined;
    operations[name] = {
      ...(raw.input ? { input: String((raw.input as Json).shape) } : {}),
      ...(http ? { http: { method: String(http.method), requestUri: String(http.requestUri) } } : {}),
    };
  }
  const shapes: Record<string, ExtractedShape> = {};
  for (const [name, raw] of Object.entries((model.shapes ?? {}) as Record<string, Json>)) {
    const shape: ExtractedShape = { type: String(raw.type) };
    if (raw.members) {
      shape.members = {};
      for (const [member, ref] of Object.entries(raw.members as Record<string, Json>)) {
        shape.members[member] = {
          shape: String(ref.shape),
          ...(typeof ref.location === 'string' ? { location: ref.location } : {}),
          ...(typeof ref.locationName === 'string' ? { locationName: ref.locationName } : {}),
        };
      }
    }
    if (Array.isArray(raw.required) && raw.required.length > 0) shape.required = raw.required.map(String);
    if (raw.member) shape.member = String((raw.member as Json).shape);
    if (raw.key) shape.key = String((raw.key as Json).shape);
    if (raw.value) shape.value = String((raw.value as Json).shape);
    for (const constraint of CONSTRAINTS) if (raw[constraint] !== undefined) (shape as unknown as Json)[constraint] = raw[constraint];
    shapes[name] = shape;
  }
  return { uid: String(metadata.uid), format: 'botocore', operations, shapes };
}

/** Smithy JSON AST -> the same form (shape ids lose their namespace; traits become fields). */
function fromSmithy(model: Json): LoadedModel {
  const all = model.shapes as Record<string, Json>;
  const local = (id: string) => id.slice(id.indexOf('#') + 1);
  const prelude: Record<string, string> = {
    'smithy.api#String': 'string',
    'smithy.api#Integer': 'integer',
    'smithy.api#Long': 'long',
    'smithy.api#Boolean': 'boolean',
    'smithy.api#PrimitiveBoolean': 'boolean',
    'smithy.api#PrimitiveInteger': 'integer',
    'smithy.api#PrimitiveLong': 'long',
    'smithy.api#Double': 'double',
    'smithy.api#Float': 'float',
    'smithy.api#Timestamp': 'timestamp',
    'smithy.api#Blob': 'blob',
    'smithy.api#Document': 'document',
  };
  const service = Object.values(all).find((shape) => shape.type === 'service') as Json;
  const serviceTraits = (service.traits ?? {}) as Json;
  const endpointPrefix = String(((serviceTraits['aws.api#service'] ?? {}) as Json).endpointPrefix ?? '');
  const uidPrefix = endpointPrefix === 'featurestore-runtime.sagemaker' ? 'sagemaker-featurestore-runtime' : endpointPrefix.replace(/^api\./, '');
  const shapes: Record<string, ExtractedShape> = {};
  const operations: LoadedModel['operations'] = {};
  const withTraits = (shape: ExtractedShape, traits: Json) => {
    const length = traits['smithy.api#length'] as Json | undefined;
    const range = traits['smithy.api#range'] as Json | undefined;
    const bounds = length ?? range;
    if (bounds?.min !== undefined) shape.min = Number(bounds.min);
    if (bounds?.max !== undefined) shape.max = Number(bounds.max);
    if (typeof traits['smithy.api#pattern'] === 'string') shape.pattern = traits['smithy.api#pattern'];
    const legacyEnum = traits['smithy.api#enum'] as Json[] | undefined;
    if (legacyEnum) shape.enum = legacyEnum.map((entry) => String(entry.value));
  };
  for (const [prim, type] of Object.entries(prelude)) shapes[local(prim)] = { type };
  for (const [id, raw] of Object.entries(all)) {
    const traits = (raw.traits ?? {}) as Json;
    if (raw.type === 'operation') {
      const http = traits['smithy.api#http'] as Json | undefined;
      operations[local(id)] = {
        ...(raw.input ? { input: local(String((raw.input as Json).target)) } : {}),
        ...(http ? { http: { method: String(http.method), requestUri: String(http.uri) } } : {}),
      };
      continue;
    }
    if (raw.type === 'service' || raw.type === 'resource') continue;
    const type = raw.type === 'enum' ? 'string' : raw.type === 'intEnum' ? 'integer' : String(raw.type);
    const shape: ExtractedShape = { type };
    withTraits(shape, traits);
    if (raw.type === 'enum') {
      shape.enum = Object.values((raw.members ?? {}) as Record<string, Json>).map((member) => String(((member.traits ?? {}) as Json)['smithy.api#enumValue']));
    } else if (raw.members && (type === 'structure' || type === 'union')) {
      shape.members = {};
      const required: string[] = [];
      for (const [member, ref] of Object.entries(raw.members as Record<string, Json>)) {
        const memberTraits = (ref.traits ?? {}) as Json;
        if ('smithy.api#required' in memberTraits) required.push(member);
        const location = 'smithy.api#httpLabel' in memberTraits ? 'uri' : 'smithy.api#httpQuery' in memberTraits ? 'querystring' : undefined;
        const locationName = location === 'uri' ? member : location === 'querystring' ? String(memberTraits['smithy.api#httpQuery']) : undefined;
        // Member-level constraint traits become a synthetic shape, as botocore does.
        const target = local(String(ref.target));
        let targetName = target;
        if (CONSTRAINT_TRAITS.some((trait) => trait in memberTraits)) {
          targetName = `${local(id)}$${member}`;
          const base = all[String(ref.target)];
          shapes[targetName] = { ...(base ? { type: String(base.type) } : (shapes[target] ?? { type: 'string' })) };
          withTraits(shapes[targetName] as ExtractedShape, memberTraits);
        }
        shape.members[member] = { shape: targetName, ...(location ? { location } : {}), ...(locationName ? { locationName } : {}) };
      }
      if (required.length) shape.required = required;
    } else if (raw.member) shape.member = local(String((raw.member as Json).target));
    if (raw.key) shape.key = local(String((raw.key as Json).target));
    if (raw.value) shape.value = local(String((raw.value as Json).target));
    shapes[local(id)] = shape;
  }
  return { uid: `${uidPrefix}-${String(service.version)}`, format: 'smithy', operations, shapes };
}
const CONSTRAINT_TRAITS = ['smithy.api#length', 'smithy.api#range', 'smithy.api#pattern'];

/** The shapes reachable from the operations' inputs, in name order. */
function reachable(model: LoadedModel, operations: string[]): Record<string, ExtractedShape> {
  const seen = new Map<string, ExtractedShape>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const shape = model.shapes[name];
    if (!shape) throw new Error(`${model.uid}: shape ${name} is referenced but not defined`);
    seen.set(name, shape);
    for (const ref of Object.values(shape.members ?? {})) visit(ref.shape);
    for (const next of [shape.member, shape.key, shape.value]) if (next) visit(next);
  };
  for (const operation of operations) {
    const input = model.operations[operation]?.input;
    if (input) visit(input);
  }
  return Object.fromEntries([...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function main(argv: string[]): Promise<void> {
  let source = 'unstated';
  const files: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    if (argv[index] === '--source') source = argv[++index] ?? source;
    else files.push(argv[index] as string);
  }
  if (files.length === 0) throw new Error('usage: extractServiceModels.ts [--source <text>] <model.json>... [<supplement.json>...]');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const outDir = path.join(here, '..', 'src', 'model', 'service-models');
  const models = new Map<string, { model: LoadedModel; inputs: Json[] }>();
  const supplements: { uid: string; json: Json; file: string }[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const json = JSON.parse(text) as Json;
    const described = {
      path: path.basename(file),
      sha256: createHash('sha256').update(text).digest('hex'),
    };
    if (typeof json.supplementFor === 'string') {
      supplements.push({ uid: json.supplementFor, json, file });
      continue;
    }
    const model = 'smithy' in json ? fromSmithy(json) : fromBotocore(json);
    models.set(model.uid, { model, inputs: [{ ...described, format: model.format, source }] });
  }
  for (const { uid, json, file } of supplements) {
    const entry = models.get(uid);
    if (!entry) throw new Error(`${file}: supplements ${uid}, which was not given`);
    const extra = fromBotocore({ metadata: { uid }, operations: json.operations, shapes: json.shapes });
    for (const [name, operation] of Object.entries(extra.operations)) {
      if (entry.model.operations[name]) throw new Error(`${file}: ${name} is already in the model; drop it from the supplement`);
      entry.model.operations[name] = operation;
    }
    for (const [name, shape] of Object.entries(extra.shapes)) {
      if (entry.model.shapes[name]) throw new Error(`${file}: shape ${name} is already in the model; restate it under "replaces"`);
      entry.model.shapes[name] = shape;
    }
    // Shapes the newer service has changed, restated whole (an enum value added, a member added).
    const replaced = fromBotocore({ metadata: { uid }, shapes: json.replaces ?? {} });
    for (const [name, shape] of Object.entries(replaced.shapes)) {
      if (!entry.model.shapes[name]) throw new Error(`${file}: replaces ${name}, which the model does not define`);
      entry.model.shapes[name] = shape;
    }
    entry.inputs.push({ path: path.basename(file), format: 'supplement', source: json.source });
  }
  for (const [uid, service] of Object.entries(SERVICES)) {
    const entry = models.get(uid);
    if (!entry) throw new Error(`no model given for ${uid}`);
    const missing = service.operations.filter((operation) => !entry.model.operations[operation]);
    if (missing.length) throw new Error(`${uid}: no operation ${missing.join(', ')} in the given models`);
    const output = {
      $comment: 'Generated by packages/local-featurestore/scripts/extractServiceModels.ts: constraints only, no documentation. Do not edit by hand.',
      service: uid,
      sources: entry.inputs,
      validationError: { name: service.validationError, source: service.validationErrorSource },
      operations: Object.fromEntries(service.operations.map((operation) => [operation, entry.model.operations[operation]])),
      shapes: reachable(entry.model, service.operations),
    };
    const target = path.join(outDir, service.file);
    // Written as the repository's prettier writes JSON, so the files pass its check unedited.
    const text = await prettier.format(JSON.stringify(output), { ...(await prettier.resolveConfig(target)), filepath: target });
    writeFileSync(target, text);
    console.log(`${service.file}: ${Object.keys(output.shapes).length} shapes for ${service.operations.length} operations`);
  }
}

await main(process.argv.slice(2));
