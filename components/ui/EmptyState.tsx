import type { ReactNode } from "react";

type Props = { icon: string; title: string; text?: ReactNode; action?: ReactNode; testId?: string };

/** The one empty state: an icon, what is missing, why it matters, and the next step. */
export function EmptyState({ icon, title, text, action, testId }: Props) {
  return (
    <div className="card empty-state" data-testid={testId}>
      <div className="card-body text-center py-5 px-3">
        <span className="empty-state-icon" aria-hidden>
          <i className={`bi bi-${icon}`} />
        </span>
        <h2 className="h5 mt-3">{title}</h2>
        {text ? <p className="text-body-secondary mx-auto mb-4 empty-state-text">{text}</p> : null}
        {action}
      </div>
    </div>
  );
}
