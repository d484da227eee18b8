"use client";

import type { ChangeEvent } from "react";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import { removeAvatarAction, uploadAvatarAction } from "@/app/(dashboard)/chatbots/[id]/edit/actions";
import { BotAvatar } from "@/components/chatbots/BotAvatar";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useErrorText } from "@/components/ui/useErrorText";
import { AVATAR_UPLOAD } from "@/lib/chatbots/avatar";

type Props = { bot: { id: string; avatarIcon: string; avatarColor: string; avatarImageHash: string | null } };

/** The bot's picture: upload one (checked and re-encoded on the server) or go back to the icon. */
export function AvatarPicture({ bot }: Props) {
  const t = useTranslations("chatbots");
  const toast = useToast();
  const errorText = useErrorText();
  const [run, pending] = useAction();

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    // Past the cap the server would refuse the whole request; say why here instead.
    if (file.size > AVATAR_UPLOAD.maxBytes) return toast.error(errorText("image_too_large"));
    const form = new FormData();
    form.set("image", file);
    run(() => uploadAvatarAction.bind(null, bot.id)(form), () => toast.success(t("picture_uploaded")));
  }

  return (
    <section className="card mb-4" aria-labelledby="bot-picture-title">
      <div className="card-body d-flex flex-wrap align-items-center gap-3">
        <BotAvatar bot={bot} size="lg" />
        <div className="flex-grow-1 min-w-0">
          <h2 id="bot-picture-title" className="h6 mb-1">
            {t("picture")}
          </h2>
          <p className="small text-body-secondary mb-2" id="bot-picture-hint">
            {t(bot.avatarImageHash ? "picture_hint_set" : "picture_hint")}
          </p>
          <div className="d-flex flex-wrap align-items-end gap-2">
            <div className="flex-grow-1">
              <label className="small mb-1 form-label" htmlFor="bot-picture-file">
                {t("picture_upload")}
              </label>
              <input id="bot-picture-file" className="form-control form-control-sm" type="file" accept={AVATAR_UPLOAD.accept} onChange={onFile} disabled={pending} aria-describedby="bot-picture-hint" />
            </div>
            {bot.avatarImageHash && (
              <Button
                variant="outline-danger"
                size="sm"
                disabled={pending}
                onClick={() => run(() => removeAvatarAction.bind(null, bot.id)(), () => toast.success(t("picture_removed")))}
              >
                <i className="bi bi-x-circle me-1" aria-hidden />
                {t("picture_remove")}
              </Button>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
