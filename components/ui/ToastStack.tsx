"use client";

import CloseButton from "react-bootstrap/CloseButton";
import Toast from "react-bootstrap/Toast";
import ToastContainer from "react-bootstrap/ToastContainer";

export type ToastItem = { id: number; tone: "success" | "danger"; text: string };

/** The toasts on screen, in react-bootstrap's Toast: each fades in and closes itself after a while (longer for errors). */
export default function ToastStack({ items, closeLabel, onClose }: { items: ToastItem[]; closeLabel: string; onClose: (id: number) => void }) {
  return (
    <ToastContainer position="bottom-end" containerPosition="fixed" className="p-3" style={{ zIndex: 1090 }}>
      {items.map((item) => (
        <Toast key={item.id} bg={item.tone} onClose={() => onClose(item.id)} delay={item.tone === "success" ? 4000 : 8000} autohide>
          <div className="d-flex text-white" role={item.tone === "danger" ? "alert" : "status"}>
            <Toast.Body className="flex-grow-1" data-testid={`toast-${item.tone}`}>
              <i className={`bi ${item.tone === "success" ? "bi-check-circle" : "bi-exclamation-triangle"} me-2`} aria-hidden />
              {item.text}
            </Toast.Body>
            <CloseButton variant="white" className="me-2 m-auto" aria-label={closeLabel} onClick={() => onClose(item.id)} />
          </div>
        </Toast>
      ))}
    </ToastContainer>
  );
}
