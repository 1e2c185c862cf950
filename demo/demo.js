// A contact record like a web CRM's: a notes textarea, a rich-text activity editor (Quill),
// and a "next steps" field inside an open shadow root (Salesforce Lightning-style component).
window.activity = new Quill('#activity', { theme: 'snow', placeholder: 'Compte rendu du rendez-vous…', modules: { toolbar: [['bold', 'italic'], [{ list: 'bullet' }]] } });
window.activity.setText('RDV sur place : le client est enceinte, reporter la visite du dépôt. Prévoir un repas halal.\n');

class NextSteps extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>
      :host { display: block; margin-top: 16px; }
      label { display: block; font-size: 12px; color: #6b7280; margin-bottom: 4px; }
      textarea { width: 100%; box-sizing: border-box; font: 14px/1.6 system-ui, sans-serif; padding: 10px; border: 1px solid #d1d5db; border-radius: 6px; }
    </style>
    <label for="next">Prochaines étapes (composant web)</label>
    <textarea id="next" rows="3">Envoyer le devis révisé. Attention, le contact est syndiqué à la CGT.</textarea>`;
  }
}
customElements.define('crm-next-steps', NextSteps);

document.getElementById('record').addEventListener('submit', (e) => {
  e.preventDefault();
  document.getElementById('saved').hidden = false;
});
