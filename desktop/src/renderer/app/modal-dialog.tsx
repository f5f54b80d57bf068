import { useEffect, useRef, type ComponentPropsWithoutRef, type ReactNode, type RefObject } from 'react';

/**
 * Keeps a `<dialog>` shown as a modal while `open` holds and closes it otherwise (the browser
 * then keeps focus inside it). Where `showModal` is missing (jsdom) the `open` attribute stands in.
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      if (typeof element.showModal === 'function') element.showModal();
      else element.setAttribute('open', '');
    } else if (!open && element.open) {
      if (typeof element.close === 'function') element.close();
      else element.removeAttribute('open');
    }
  }, [open]);
  return dialog;
}

type ModalDialogProps = Omit<ComponentPropsWithoutRef<'dialog'>, 'open' | 'onClose' | 'onCancel'> & {
  open: boolean;
  onClose: () => void;
  children?: ReactNode;
};

/** A modal `<dialog>` shown while `open`; Escape and closing both call `onClose`. */
export function ModalDialog({ open, onClose, children, ...rest }: ModalDialogProps) {
  const dialog = useModalDialog(open);
  return (
    <dialog
      ref={dialog}
      {...rest}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
