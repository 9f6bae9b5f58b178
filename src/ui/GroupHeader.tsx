import { Link } from 'wouter';
import { describeTtl } from '../domain/ttl';
import type { FeatureGroupSchema } from '../domain/schema';
import { groupPath, importPath, recordsPath, tablePath } from './paths';

export type GroupTab = 'write' | 'records' | 'table' | 'import';

/** The feature group's name, status and stores, with the tabs of its pages. */
export function GroupHeader({ schema, active }: { schema: FeatureGroupSchema; active: GroupTab }) {
  const online = schema.onlineStore;
  return (
    <header className="group-header">
      <p className="breadcrumbs">
        <Link href="/">Feature groups</Link> / <span>{schema.name}</span>
      </p>
      <div className="group-header__title">
        <h1>{schema.name}</h1>
        <span className={`status status--${schema.status === 'Created' ? 'ok' : 'warn'}`}>{schema.status}</span>
      </div>
      {schema.description && <p className="group-header__description">{schema.description}</p>}
      <dl className="facts">
        <div>
          <dt>Online store</dt>
          <dd>{online ? `${online.storageType}${online.defaultTtl ? `, default TTL ${describeTtl(online.defaultTtl)}` : ', no default TTL'}` : 'none'}</dd>
        </div>
        <div>
          <dt>Offline store</dt>
          <dd>{schema.offlineStore ? 'yes' : 'none'}</dd>
        </div>
        <div>
          <dt>Features</dt>
          <dd>{schema.features.length.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Record identifier</dt>
          <dd>
            <code>{schema.recordIdentifierName}</code>
          </dd>
        </div>
        <div>
          <dt>Event time</dt>
          <dd>
            <code>{schema.eventTimeName}</code> ({schema.eventTimeType === 'String' ? 'ISO-8601 UTC' : 'epoch seconds'})
          </dd>
        </div>
      </dl>
      <nav className="tabs" aria-label="Feature group pages">
        <Link href={groupPath(schema.name)} className="tabs__tab" aria-current={active === 'write' ? 'page' : undefined}>
          Write a record
        </Link>
        <Link href={recordsPath(schema.name)} className="tabs__tab" aria-current={active === 'records' ? 'page' : undefined}>
          Find records
        </Link>
        <Link href={tablePath(schema.name)} className="tabs__tab" aria-current={active === 'table' ? 'page' : undefined}>
          Table
        </Link>
        <Link href={importPath(schema.name)} className="tabs__tab" aria-current={active === 'import' ? 'page' : undefined}>
          Import
        </Link>
      </nav>
    </header>
  );
}
