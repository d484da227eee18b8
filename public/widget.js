/*! ChatBot Factory widget 1 */
(function (w, d) {
  // <script src="ORIGIN/widget.js" data-bot="PUBLIC_ID" async></script>: a launcher button in a
  // shadow root (constructable stylesheets: no inline <style> for the host's CSP to refuse, no CSS
  // leaking either way) that opens the chat in an iframe from ORIGIN/embed/PUBLIC_ID.
  var V = "1";
  var me = d.currentScript;
  var bot = me && me.getAttribute("data-bot");
  if (!bot || !/^[\w-]{16,64}$/.test(bot)) return;
  var base = new URL(me.src).origin;
  var waiting = (w.__cbfWidget = w.__cbfWidget || {});
  if (waiting[bot]) return;
  waiting[bot] = draw;
  // The launcher's settings come as a script from ORIGIN too: a policy that runs this file runs it
  // (a fetch would need the host's connect-src as well).
  var s = d.createElement("script");
  s.src = scriptUrl(base + "/api/public/" + bot + "/widget?v=" + V);
  s.async = true;
  // CORS mode: the browser tells our server which page asks (Origin), and the launcher is drawn
  // only on a page the bot allows (elsewhere its chat frame would be refused).
  s.crossOrigin = "anonymous";
  if (me.nonce) s.nonce = me.nonce;
  d.head.appendChild(s);

  // A host page that requires Trusted Types accepts a script URL only from a named policy it
  // lists (`trusted-types chatbot-factory-widget`, README): ours passes our own URLs only. One
  // policy per page, shared by every bot's snippet (a second policy of the same name is refused).
  function scriptUrl(url) {
    var tt = w.trustedTypes;
    if (!tt || !tt.createPolicy) return url;
    try {
      w.__cbfWidgetPolicy =
        w.__cbfWidgetPolicy ||
        tt.createPolicy("chatbot-factory-widget", {
          createScriptURL: function (u) {
            if (u.indexOf(base + "/api/public/") !== 0) throw new TypeError("chatbot-factory-widget: not a widget URL");
            return u;
          },
        });
      return w.__cbfWidgetPolicy.createScriptURL(url);
    } catch (refused) {
      // The host does not allow the policy: where Trusted Types are not enforced, the plain URL works.
      void refused;
      return url;
    }
  }

  function el(tag, attrs, text) {
    var e = d.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  function draw(c) {
    if (!c) return;
    var host = el("chatbot-factory-widget", {});
    var root = host.attachShadow({ mode: "open" });
    var css = new CSSStyleSheet();
    css.replaceSync(
      ":host{all:initial}" +
        ".w{position:fixed;bottom:20px;right:20px;z-index:2147483000;display:flex;flex-direction:column;align-items:flex-end;gap:12px;font:15px/1.4 system-ui,sans-serif}" +
        ".w.l{right:auto;left:20px;align-items:flex-start}" +
        ".b{width:56px;height:56px;border-radius:50%;border:0;padding:0;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.3);display:flex;align-items:center;justify-content:center}" +
        ".b:focus-visible,.g:focus-visible,.x:focus-visible{outline:3px solid #1a73e8;outline-offset:3px}" +
        ".b svg{width:28px;height:28px;fill:currentColor}" +
        ".b img{width:100%;height:100%;border-radius:50%;object-fit:cover;display:block}" +
        ".g{all:unset;box-sizing:border-box;max-width:260px;background:#fff;color:#111;padding:10px 14px;border-radius:12px;box-shadow:0 2px 10px rgba(0,0,0,.25);cursor:pointer}" +
        ".p{width:380px;height:580px;max-width:calc(100vw - 40px);max-height:calc(100vh - 110px);border-radius:12px;overflow:hidden;box-shadow:0 6px 24px rgba(0,0,0,.35);background:#fff;position:relative}" +
        ".p[hidden],.g[hidden]{display:none}" +
        ".p iframe{border:0;width:100%;height:100%;display:block}" +
        ".x{position:absolute;top:8px;inset-inline-end:8px;width:32px;height:32px;border:0;border-radius:50%;background:rgba(0,0,0,.6);color:#fff;font-size:20px;line-height:1;cursor:pointer}"
    );
    root.adoptedStyleSheets = [css];
    var box = el("div", { class: c.position === "left" ? "w l" : "w" });
    var panel = el("div", { class: "p", role: "dialog", "aria-label": c.title, hidden: "" });
    var x = el("button", { type: "button", class: "x", "aria-label": c.close, title: c.close }, "\u00d7");
    var greet = el("button", { type: "button", class: "g", dir: "auto" }, c.greeting);
    var b = el("button", { type: "button", class: "b", "aria-label": c.label, title: c.label, "aria-expanded": "false" });
    b.style.background = c.color;
    b.style.color = c.text;
    // Built node by node: no innerHTML, so a host page that requires Trusted Types still works.
    var ns = "http://www.w3.org/2000/svg";
    var svg = d.createElementNS(ns, "svg");
    var path = d.createElementNS(ns, "path");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    path.setAttribute("d", "M8 1C3.6 1 0 4 0 7.6c0 1.7.8 3.2 2.1 4.4-.2 1-.7 2.2-1.6 3 2 0 3.7-.7 4.8-1.5.8.2 1.7.3 2.7.3 4.4 0 8-3 8-6.6S12.4 1 8 1z");
    svg.appendChild(path);
    // The bot's picture when it has one; the icon if the host page's CSP (img-src) refuses it.
    if (c.picture && /^[\w-]{1,128}$/.test(c.picture)) {
      var img = el("img", { src: base + "/api/avatars/" + bot + "?v=" + c.picture, alt: "" });
      img.onerror = function () {
        if (img.parentNode) b.replaceChild(svg, img);
      };
      b.appendChild(img);
    } else b.appendChild(svg);
    panel.appendChild(x);
    var frame = null;
    function open() {
      if (!frame) {
        frame = el("iframe", { title: c.title, src: base + "/embed/" + bot + "?v=" + V, allow: "clipboard-write" });
        panel.insertBefore(frame, x);
      } else if (frame.contentWindow) frame.contentWindow.postMessage({ type: "cbf:focus" }, base);
      panel.hidden = false;
      greet.hidden = true;
      b.setAttribute("aria-expanded", "true");
      frame.focus();
    }
    function close() {
      panel.hidden = true;
      b.setAttribute("aria-expanded", "false");
      b.focus();
    }
    b.onclick = function () {
      if (panel.hidden) open();
      else close();
    };
    greet.onclick = open;
    x.onclick = close;
    box.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !panel.hidden) close();
    });
    w.addEventListener("message", function (e) {
      if (frame && e.source === frame.contentWindow && e.origin === base && e.data && e.data.type === "cbf:close") close();
    });
    box.appendChild(panel);
    if (c.greeting) box.appendChild(greet);
    box.appendChild(b);
    root.appendChild(box);
    d.body.appendChild(host);
  }
})(window, document);
