import type { Messages } from '../../src/i18n/messages';

/** Before the definition is there: a loading note, or the failure with a retry button. */
export function LoadState(props: { failed: boolean; messages: Messages; onRetry: () => void }) {
  const { messages } = props;
  return (
    <>
      <div role="status" aria-live="polite" class="sr-only">
        {props.failed ? messages.loadFailed : ''}
      </div>
      {props.failed ? (
        <div class="message" part="message">
          <p class="alert" part="error">
            {messages.loadFailed}
          </p>
          <button type="button" part="button" class="secondary" onClick={props.onRetry}>
            {messages.retry}
          </button>
        </div>
      ) : (
        <p class="note" part="status" aria-busy="true">
          {messages.loading}
        </p>
      )}
    </>
  );
}
