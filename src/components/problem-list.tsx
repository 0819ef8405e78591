import { formatProblem, type Problem } from '../core/format/index.ts';

/** Problems as a list of plain-text lines: file, place and message. */
export function ProblemList({ problems, max = 50 }: { problems: readonly Problem[]; max?: number }) {
  return (
    <ul className="problem-list">
      {problems.slice(0, max).map((p, i) => (
        <li key={i}>
          <code>{formatProblem(p)}</code>
        </li>
      ))}
      {problems.length > max ? <li>… {problems.length - max}</li> : null}
    </ul>
  );
}
