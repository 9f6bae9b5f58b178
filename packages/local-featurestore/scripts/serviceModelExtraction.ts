/**
 * The extraction behind extractServiceModels.ts (the command): AWS service models, in
 * botocore's service-2.json or Smithy's JSON AST form, reduced to the shapes an
 * operation list uses, with their constraints only (no documentation text).
 */

/** The operations each service's wire layer answers; their inputs are extracted. */
export const SERVICES: Record<string, { file: string; operations: string[]; validationError: string; validationErrorSource: string }> = {
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
  'athena-2017-05-18': {
    file: 'athena.json',
    operations: ['StartQueryExecution', 'GetQueryExecution', 'GetQueryResults', 'StopQueryExecution', 'GetWorkGroup'],
    validationError: 'InvalidRequestException',
    validationErrorSource: "the model's InvalidRequestException shape (a client error, HTTP 400), listed in every operation's errors",
  },
  'glue-2017-03-31': {
    file: 'glue.json',
    operations: ['GetDatabase', 'GetTable'],
    validationError: 'InvalidInputException',
    validationErrorSource: "the model's InvalidInputException shape (a client error, HTTP 400), listed in both operations' errors",
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
  /** Values of this shape are never echoed in error messages (AWS writes `Value at '...'`). */
  sensitive?: boolean;
}
export interface LoadedModel {
  uid: string;
  format: 'botocore' | 'smithy';
  operations: Record<string, { input?: string; http?: { method: string; requestUri: string } }>;
  shapes: Record<string, ExtractedShape>;
}

const CONSTRAINTS = ['min', 'max', 'pattern', 'enum'] as const;

export function fromBotocore(model: Json): LoadedModel {
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
    if (raw.sensitive === true) shape.sensitive = true;
    shapes[name] = shape;
  }
  return { uid: String(metadata.uid), format: 'botocore', operations, shapes };
}

/** Smithy JSON AST -> the same form (shape ids lose their namespace; traits become fields). */
export function fromSmithy(model: Json): LoadedModel {
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
    if ('smithy.api#sensitive' in traits) shape.sensitive = true;
  };
  for (const [prim, type] of Object.entries(prelude)) shapes[local(prim)] = { type };
  /** Members with constraint traits of their own: their target's shape, then the member's traits. */
  const synthetic: { name: string; target: string; traits: Json }[] = [];
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
    // Unions are structures with one member set, as botocore writes them.
    const type = raw.type === 'enum' ? 'string' : raw.type === 'intEnum' ? 'integer' : raw.type === 'union' ? 'structure' : String(raw.type);
    const shape: ExtractedShape = { type };
    withTraits(shape, traits);
    if (raw.type === 'enum') {
      shape.enum = Object.values((raw.members ?? {}) as Record<string, Json>).map((member) => String(((member.traits ?? {}) as Json)['smithy.api#enumValue']));
    } else if (raw.members && type === 'structure') {
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
          synthetic.push({ name: targetName, target, traits: memberTraits });
        }
        shape.members[member] = { shape: targetName, ...(location ? { location } : {}), ...(locationName ? { locationName } : {}) };
      }
      if (required.length) shape.required = required;
    } else if (raw.member) shape.member = local(String((raw.member as Json).target));
    if (raw.key) shape.key = local(String((raw.key as Json).target));
    if (raw.value) shape.value = local(String((raw.value as Json).target));
    shapes[local(id)] = shape;
  }
  for (const { name, target, traits } of synthetic) {
    const base = shapes[target];
    if (!base) throw new Error(`Smithy model: member shape ${name} targets ${target}, which is not defined`);
    const shape: ExtractedShape = structuredClone(base);
    withTraits(shape, traits);
    shapes[name] = shape;
  }
  return { uid: `${uidPrefix}-${String(service.version)}`, format: 'smithy', operations, shapes };
}
const CONSTRAINT_TRAITS = ['smithy.api#length', 'smithy.api#range', 'smithy.api#pattern'];

/** The shapes reachable from the operations' inputs, in name order. */
export function reachable(model: LoadedModel, operations: string[]): Record<string, ExtractedShape> {
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

/** A model file's JSON, in either form. */
export function loadModel(json: Json): LoadedModel {
  return 'smithy' in json ? fromSmithy(json) : fromBotocore(json);
}

/**
 * Applies a supplement: operations and shapes the model lacks (an error if it has them),
 * and `replaces`, shapes restated whole (an error if the model does not define them).
 */
export function applySupplement(model: LoadedModel, json: Json, file: string): void {
  const extra = fromBotocore({ metadata: { uid: model.uid }, operations: json.operations, shapes: json.shapes });
  for (const [name, operation] of Object.entries(extra.operations)) {
    if (model.operations[name]) throw new Error(`${file}: ${name} is already in the model; drop it from the supplement`);
    model.operations[name] = operation;
  }
  for (const [name, shape] of Object.entries(extra.shapes)) {
    if (model.shapes[name]) throw new Error(`${file}: shape ${name} is already in the model; restate it under "replaces"`);
    model.shapes[name] = shape;
  }
  // Shapes the newer service has changed, restated whole (an enum value added, a member added).
  const replaced = fromBotocore({ metadata: { uid: model.uid }, shapes: json.replaces ?? {} });
  for (const [name, shape] of Object.entries(replaced.shapes)) {
    if (!model.shapes[name]) throw new Error(`${file}: replaces ${name}, which the model does not define`);
    model.shapes[name] = shape;
  }
}

/** The operations' entries and every shape their inputs reach. */
export function extractOperations(model: LoadedModel, operations: string[]) {
  const missing = operations.filter((operation) => !model.operations[operation]);
  if (missing.length) throw new Error(`${model.uid}: no operation ${missing.join(', ')} in the given models`);
  return {
    operations: Object.fromEntries(operations.map((operation) => [operation, model.operations[operation]])),
    shapes: reachable(model, operations),
  };
}
