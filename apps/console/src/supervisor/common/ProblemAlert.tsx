import { Alert } from 'antd';

interface ProblemAlertProps {
  title: string;
  problems: readonly string[];
  testId?: string;
}

/** What the server refused and why, one line per problem (nothing when there is none). */
export function ProblemAlert({ title, problems, testId }: ProblemAlertProps) {
  if (!problems.length) return null;
  return (
    <Alert
      data-testid={testId}
      style={{ margin: '16px 0' }}
      type="error"
      showIcon
      title={title}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      }
    />
  );
}
