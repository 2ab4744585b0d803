// Why a workspace file was refused: every problem with the path of the field it is about, so an admin can go
// straight to the line in their YAML. Announced as an alert; nothing was applied.
export interface Problems {
  message: string;
  hint?: string | undefined;
  path?: string | undefined;
  issues: { path: string; message: string }[];
}

export const ApplyProblems = ({ problems }: { problems: Problems }) => {
  // The message's first line is the headline; the issue list repeats the rest with structure.
  const [headline] = problems.message.split('\n', 1);
  const issues = problems.issues.length
    ? problems.issues
    : problems.path
      ? [{ path: problems.path, message: problems.message }]
      : [];
  return (
    <div className="callout callout-error apply-problems" role="alert">
      <p>
        <strong>{headline}</strong>
      </p>
      {issues.length ? (
        <ul className="apply-problem-list">
          {issues.map((issue, i) => (
            <li key={`${issue.path}:${i}`}>
              {issue.path ? <code className="apply-problem-path">{issue.path}</code> : null}
              <span>{issue.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {problems.hint ? <p>{problems.hint}</p> : null}
    </div>
  );
};
