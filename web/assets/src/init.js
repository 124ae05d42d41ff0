// Progressive enhancement only: every page works without this file.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled')
if ('noModule' in HTMLScriptElement.prototype) {
  document.body.classList.add('govuk-frontend-supported')
  initAll()
}

// Autosave on the plan's section pages: the form is saved as the person types. The server
// answers with the section's new revision; if someone else saved the section first, the form is
// posted as it is so that the page shows both texts. Without JavaScript the Save button does the
// same work.
for (const form of document.querySelectorAll('form[data-autosave]')) {
  const status = form.querySelector('#autosave-status')
  const revision = form.querySelector('input[name="revision"]')
  let timer = null
  let stopped = false
  const save = async () => {
    timer = null
    if (stopped) return
    const body = new FormData(form)
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body,
        headers: { 'X-Autosave': '1', Accept: 'application/json' },
        credentials: 'same-origin'
      })
      if (response.status === 200) {
        const answer = await response.json()
        revision.value = String(answer.revision)
        status.textContent = status.dataset.saved.replace('{time}', new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))
      } else if (response.status === 409) {
        stopped = true
        status.textContent = status.dataset.conflict
      } else {
        status.textContent = status.dataset.failed
      }
    } catch (e) {
      status.textContent = status.dataset.failed
    }
  }
  form.addEventListener('input', () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(save, 1500)
  })
}
