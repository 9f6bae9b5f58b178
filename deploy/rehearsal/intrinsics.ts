/**
 * CloudFormation's intrinsic functions, resolved the way a deployment would, with local
 * stand-ins for what only a deployment knows (a resource's id or attribute). Only what a
 * template's CloudFront and config.json parts use: Ref, Fn::GetAtt, Fn::Join, Fn::Sub,
 * Fn::Select. Anything else is an error that names it, never a guess.
 */

export interface CfnTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

export interface LocalValues {
  /** AWS::Region, AWS::AccountId, AWS::Partition, AWS::URLSuffix. */
  pseudo: Record<string, string>;
  /** A resource's Ref, by its type (e.g. AWS::Cognito::IdentityPool → the local identity pool id). */
  ref: Record<string, (logicalId: string) => string>;
  /** A resource's attribute, by `Type.Attribute` (e.g. AWS::Cognito::UserPool.ProviderURL). */
  getAtt: Record<string, (logicalId: string) => string>;
}

export function resolveIntrinsics(value: unknown, template: CfnTemplate, local: LocalValues): unknown {
  const resolve = (inner: unknown): unknown => resolveIntrinsics(inner, template, local);
  const text = (inner: unknown): string => {
    const resolved = resolve(inner);
    if (typeof resolved !== 'string') throw new Error(`Expected a string, got ${JSON.stringify(resolved)}.`);
    return resolved;
  };
  const typeOf = (logicalId: string): string => {
    const resource = template.Resources[logicalId];
    if (!resource) throw new Error(`The template has no resource ${logicalId}.`);
    return resource.Type;
  };
  const ref = (name: string): string => {
    const pseudo = local.pseudo[name];
    if (pseudo !== undefined) return pseudo;
    const type = typeOf(name);
    const standIn = local.ref[type];
    if (!standIn) throw new Error(`No local stand-in for Ref ${name} (${type}).`);
    return standIn(name);
  };
  if (Array.isArray(value)) return value.map(resolve);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && key === 'Ref') return ref(String(argument));
  if (entries.length === 1 && key === 'Fn::GetAtt') {
    const [logicalId, attribute] = (typeof argument === 'string' ? argument.split('.') : (argument as string[])) as [string, string];
    const standIn = local.getAtt[`${typeOf(logicalId)}.${attribute}`];
    if (!standIn) throw new Error(`No local stand-in for Fn::GetAtt ${logicalId}.${attribute} (${typeOf(logicalId)}).`);
    return standIn(logicalId);
  }
  if (entries.length === 1 && key === 'Fn::Join') {
    const [separator, parts] = argument as [string, unknown[]];
    return (resolve(parts) as unknown[]).map((part) => text(part)).join(separator);
  }
  if (entries.length === 1 && key === 'Fn::Select') {
    const [index, list] = argument as [number | string, unknown];
    const items = resolve(list);
    if (!Array.isArray(items)) throw new Error('Fn::Select needs a list.');
    return items[Number(index)];
  }
  if (entries.length === 1 && key === 'Fn::Sub') {
    const [pattern, variables] = (typeof argument === 'string' ? [argument, {}] : argument) as [string, Record<string, unknown>];
    return pattern.replace(/\$\{([^}!]+)\}/g, (_match, name: string) => {
      if (name in variables) return text(variables[name]);
      const [logicalId, attribute] = name.split('.');
      return attribute ? text({ 'Fn::GetAtt': [logicalId, attribute] }) : ref(name);
    });
  }
  if (key?.startsWith('Fn::')) throw new Error(`The rehearsal does not resolve ${key}.`);
  return Object.fromEntries(entries.map(([name, inner]) => [name, resolve(inner)]));
}
