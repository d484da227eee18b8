/**
 * A picture over `maxBytes` redrawn in the browser, so a phone photo (often 3–12 MB) fits the
 * upload limit: scaled to at most `maxSide` pixels a side and encoded as WebP (JPEG where the
 * browser cannot write WebP), at lower quality and then a smaller size until it fits. The server
 * still checks and re-encodes what arrives. Returns the file unchanged when it is small enough,
 * and null when the browser cannot read it as a picture (the server then says why).
 */
export async function shrinkImage(file: File, maxBytes: number, maxSide = 1024): Promise<File | null> {
  if (file.size <= maxBytes) return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  try {
    for (let side = maxSide; side >= 256; side = Math.round(side * 0.75)) {
      const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of [0.85, 0.7, 0.5]) {
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/webp", quality));
        // A browser that cannot write WebP hands back a PNG: ask for JPEG instead.
        const encoded = blob?.type === "image/webp" ? blob : await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
        if (encoded && encoded.size <= maxBytes) {
          const name = `${file.name.replace(/\.[^.]*$/, "") || "picture"}.${encoded.type === "image/webp" ? "webp" : "jpg"}`;
          return new File([encoded], name, { type: encoded.type });
        }
      }
    }
    return null;
  } finally {
    bitmap.close();
  }
}
