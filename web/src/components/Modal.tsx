import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

interface ModalProps {
  labelledBy: string;
  describedBy?: string;
  role?: 'alertdialog';
  /** False when closing by accident would lose something; the dialog then offers its own way out. */
  closeOnEscape?: boolean;
  onClose: () => void;
  children: ComponentChildren;
}

const canFocus = (element: HTMLElement | null): element is HTMLElement =>
  element !== null && element.isConnected && !(element instanceof HTMLButtonElement && element.disabled);

/** Where focus goes back to when the element that opened a dialog is gone or disabled. */
const fallbackFocus = (): HTMLElement | null => document.querySelector<HTMLElement>('main h1');

/**
 * A native modal dialog, open while it is rendered: focus moves into it (to the element marked
 * `data-autofocus`, else the first control) and back to the element that had it when it goes away.
 */
export const Modal = ({ labelledBy, describedBy, role, closeOnEscape = true, onClose, children }: ModalProps) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const live = useRef(true);

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    live.current = true;
    element.showModal();
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      live.current = false;
      if (element.open) element.close();
      (canFocus(opener) ? opener : fallbackFocus())?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      role={role}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        if (closeOnEscape) onClose();
      }}
      // The browser may still close it (a repeated Escape); keep the caller's state in step.
      onClose={() => {
        if (live.current) onClose();
      }}
    >
      {children}
    </dialog>
  );
};
