/**
 * What a copy of a key promises: `Copied. The clipboard will be cleared in N s`, counting down to the moment the
 * main process clears it, and what else protects it (each protection main applied, in its own sentence). The visible
 * countdown is not a live region (it would speak every second); a one-time status tells screen readers.
 */
import type { ClipboardReceipt } from '../../../src-shared/models';
import { useSecondsLeft } from '../../components/use-seconds-left';

/** The countdown line for a clipboard receipt. */
export function CopyReceipt({ receipt }: { receipt: ClipboardReceipt }) {
  const seconds = useSecondsLeft(receipt.clearAt);
  return (
    <div className="copy-receipt">
      <p className="visually-hidden" role="status">
        {`Key copied to the clipboard; it will be removed after ${receipt.clearAfterSeconds} seconds.`}
      </p>
      <p className="countdown">
        {seconds > 0 ? `Copied. The clipboard will be cleared in ${seconds} s` : 'The clipboard has been cleared.'}
      </p>
      {receipt.protections?.length ? (
        <ul className="muted protections">
          {receipt.protections.map((protection) => (
            <li key={protection}>{protection}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
