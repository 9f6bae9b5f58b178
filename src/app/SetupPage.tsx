import type { ConfigProblem } from '../aws/config';

/** Shown instead of the console when config.json is missing or wrong: says which field and how to fix it. */
export function SetupPage({ problem }: { problem: ConfigProblem }) {
  return (
    <main className="setup">
      <h1>Set up the console</h1>
      <div className="panel panel--error" role="alert">
        <h2 className="panel__title">{problem.title}</h2>
        <ul>
          {problem.issues.map((issue) => (
            <li key={`${issue.field}:${issue.message}`}>
              <code>{issue.field}</code> {issue.message}
            </li>
          ))}
        </ul>
      </div>
      <div className="panel">
        <h2>What config.json holds</h2>
        <p>
          The console reads <code>/config.json</code>, served next to <code>index.html</code>, when it starts. One build serves every environment: change this
          file, then reload.
        </p>
        <pre className="code-block__body">{`{
  "region": "us-east-1",
  "identityPoolId": "us-east-1:00000000-0000-0000-0000-000000000000",
  "endpoints": {                      // optional: omit to use AWS itself
    "featureStoreRuntime": "http://localhost:4566",
    "sagemaker": "http://localhost:4566",
    "cognitoIdentity": "http://localhost:4566",
    "athena": "http://localhost:4566"
  },
  "athena": {                         // optional: a record's history (offline store)
    "workGroup": "featurestore-console",
    "outputLocation": "s3://my-bucket/athena-results/"  // only if the workgroup does not enforce one
  },
  "environmentLabel": "Staging"       // optional, shown in the header
}`}</pre>
      </div>
    </main>
  );
}
