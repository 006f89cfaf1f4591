import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';
import { newErrorId } from '../../shared/error-id';

interface Props {
  /** The screen's name, for the message. */
  label: string;
  children: ReactNode;
}

interface State {
  failure: { errorId: string; message: string } | null;
  /** Bumped by "Reload this screen": a fresh key mounts the screen anew, re-reading its data from main. */
  attempt: number;
}

/**
 * One screen failing to render leaves the rest of the desk working: the sidebar, the other screens, and every
 * placement (those live in main, not in the page). The agent sees the error id to quote and reloads the screen.
 */
export class ScreenBoundary extends Component<Props, State> {
  override state: State = { failure: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return {
      failure: { errorId: newErrorId(), message: error instanceof Error ? error.message : String(error) },
    };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(
      `Screen “${this.props.label}” failed (${this.state.failure?.errorId})`,
      error,
      info.componentStack,
    );
  }

  override render() {
    const { failure, attempt } = this.state;
    if (!failure) return <Fragment key={attempt}>{this.props.children}</Fragment>;
    return (
      <section className="screen screen-failed" aria-labelledby="screen-failed-heading">
        <h1 id="screen-failed-heading" tabIndex={-1}>
          {this.props.label} stopped working
        </h1>
        <p role="alert" className="banner banner-error">
          This screen hit an error (error {failure.errorId}: {failure.message}). The rest of the desk still
          works, and no placement is affected: they are kept by the desk, not by this screen.
        </p>
        <p>
          Reload the screen to try again. If it happens again, tell Ops the error id and attach Settings →
          Export diagnostics.
        </p>
        <button
          type="button"
          className="button button-primary"
          autoFocus
          onClick={() => this.setState({ failure: null, attempt: attempt + 1 })}
        >
          Reload this screen
        </button>
      </section>
    );
  }
}
