// Förderportal: small enhancements only; every action works without this script.
// Live sums of the cost and financing plan: total costs, requested amount, own share and the fund's cap, as typed.
(function () {
  "use strict";
  const parse = (text) => {
    const cleaned = (text || "").replace(/\s|€/g, "").replace(/\./g, "").replace(",", ".");
    const value = Number.parseFloat(cleaned);
    return Number.isFinite(value) ? value : 0;
  };
  const euro = (value) => value.toLocaleString("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + "\u00a0€";
  document.querySelectorAll("[data-cost-plan]").forEach((plan) => {
    const cap = parse(plan.getAttribute("data-cap"));
    const minShare = Number.parseFloat(plan.getAttribute("data-min-own-share") || "0");
    const total = plan.querySelector("[data-sum='total']");
    const requested = plan.querySelector("[data-sum='requested']");
    const share = plan.querySelector("[data-sum='share']");
    const check = plan.querySelector("[data-sum='check']");
    const update = () => {
      let costs = 0;
      plan.querySelectorAll("[data-cost-amount]").forEach((input) => { costs += parse(input.value); });
      const own = parse((plan.querySelector("[data-own-funds]") || {}).value);
      const third = parse((plan.querySelector("[data-third-party-funds]") || {}).value);
      const asked = Math.max(0, costs - own - third);
      if (total) total.textContent = euro(costs);
      if (requested) requested.textContent = euro(asked);
      if (share) share.textContent = costs > 0 ? (Math.round((own / costs) * 1000) / 10).toLocaleString("de-DE") + "\u00a0%" : "–";
      if (check) {
        const problems = [];
        if (cap > 0 && asked > cap) problems.push("Der beantragte Betrag übersteigt die Höchstgrenze von " + euro(cap) + ".");
        if (costs > 0 && own / costs < minShare) problems.push("Der Eigenanteil liegt unter " + Math.round(minShare * 100) + "\u00a0% der Gesamtkosten.");
        check.textContent = problems.length > 0 ? problems.join(" ") : (costs > 0 ? "Höchstgrenze und Eigenanteil passen." : "");
      }
    };
    plan.addEventListener("input", update);
    update();
  });
})();
