"use client";

import { useState, type ChangeEvent } from "react";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import FormControl from "react-bootstrap/FormControl";
import FormLabel from "react-bootstrap/FormLabel";
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
  const [run, uploading] = useAction();
  const [shrinking, setShrinking] = useState(false);
  const pending = uploading || shrinking;

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = "";
    if (!chosen) return;
    // A phone photo is shrunk here to fit the upload limit; past it the server would refuse the whole request.
    let file: File | null = chosen;
    if (chosen.size > AVATAR_UPLOAD.maxBytes) {
      setShrinking(true);
      try {
        // Imported only for a picture over the limit.
        file = await (await import("@/lib/chatbots/shrink-image")).shrinkImage(chosen, AVATAR_UPLOAD.maxBytes);
      } catch {
        file = null;
      } finally {
        setShrinking(false);
      }
    }
    if (!file) return toast.error(errorText(chosen.size > AVATAR_UPLOAD.maxBytes ? "image_too_large" : "image_invalid"));
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
              <FormLabel className="small mb-1" htmlFor="bot-picture-file">
                {t("picture_upload")}
              </FormLabel>
              <FormControl id="bot-picture-file" size="sm" type="file" accept={AVATAR_UPLOAD.accept} onChange={onFile} disabled={pending} aria-describedby="bot-picture-hint" />
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
