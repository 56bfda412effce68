import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/t';

/** A destructive action that asks first, in the page (no blocking dialog), and can be cancelled. */
export function ConfirmButton(props: {
  label: string;
  question: string;
  confirmLabel: string;
  disabled?: boolean;
  testid?: string;
  onConfirm: () => void;
  children?: ComponentChildren;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button class="secondary" data-testid={props.testid} disabled={props.disabled} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={props.question}>
      <span>{props.question}</span>
      <button
        ref={confirmRef}
        class="danger"
        data-testid={props.testid && `${props.testid}-confirm`}
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirmLabel}
      </button>
      <button class="secondary" data-testid={props.testid && `${props.testid}-cancel`} onClick={() => setAsking(false)}>
        {t('confirm_cancel')}
      </button>
    </span>
  );
}
