/** The page's stylesheet: served from `/s/assets/survey.css`, so the page's CSP needs no inline styles. Colours meet WCAG AA contrast. */
export const SURVEY_PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;line-height:1.6;color:#1f2933;background:#f5f7f6}
main{max-width:40rem;margin:0 auto;padding:1rem}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.5rem}
h1{font-size:1.35rem;margin:.5rem 0}
h2{font-size:1.15rem;margin:1rem 0 .5rem}
.school{margin:0;color:#3e4c59}
a{color:#0b5cad}
.language{display:inline-flex;align-items:center;min-height:2.75rem;padding:0 .5rem}
a:focus-visible,button:focus-visible,input:focus-visible,[tabindex]:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}
.card{background:#fff;border:1px solid #cbd2d9;border-radius:.5rem;padding:1rem;margin:1rem 0}
.card>:first-child{margin-top:0}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{font-weight:600;padding:0;margin-bottom:.75rem;font-size:1.05rem}
.instructions{color:#3e4c59}
.option{display:flex;align-items:center;gap:.75rem;min-height:2.75rem;padding:.5rem .75rem;margin:.4rem 0;border:1px solid #9aa5b1;border-radius:.4rem;background:#fff;cursor:pointer}
.option input{width:1.25rem;height:1.25rem;margin:0;flex:none}
.option:has(input:checked){border-color:#0b5cad;background:#e6f0fa}
.consent-box{display:flex;gap:.75rem;align-items:flex-start;margin:1rem 0}
.consent-box input{width:1.25rem;height:1.25rem;margin:.2rem 0 0;flex:none}
.actions{display:flex;gap:.75rem;justify-content:space-between;margin-top:1rem}
button{font:inherit;min-height:2.75rem;min-width:6rem;padding:.5rem 1rem;border-radius:.4rem;border:2px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b5cad}
button[disabled]{opacity:.6;cursor:wait}
.progress{font-weight:600;color:#3e4c59}
progress{width:100%;height:.5rem}
.message{color:#9b1c1c;font-weight:600}
.review dt{font-weight:600;margin-top:.75rem}
.review dd{margin:0}
.help{background:#fff;border:1px solid #cbd2d9;border-radius:.5rem;padding:1rem}
.help.prominent{border:3px solid #0b5cad;background:#e6f0fa}
.help ul{padding-left:1.2rem;margin:.5rem 0}
.contact{font-weight:600}
.js [data-step][hidden],[hidden]{display:none!important}
.no-js-note{color:#9b1c1c}
.js .no-js-note{display:none}
@media print{body{background:#fff}}
`;
