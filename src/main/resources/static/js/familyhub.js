// Progressive enhancement: the pages work without JavaScript; with it, GOV.UK components come alive and large
// uploads show a progress bar. Loaded as a module file (the Content-Security-Policy forbids inline script).
import { initAll } from '/webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// An upload form marked data-upload-progress sends its file with XMLHttpRequest to show progress, then follows
// the server's redirect to the batch page (an error answer is shown by posting the form plainly).
for (const form of document.querySelectorAll('form[data-upload-progress]')) {
  form.addEventListener('submit', (event) => {
    const input = form.querySelector('input[type=file]')
    if (!input || !input.files || input.files.length === 0 || !window.FormData) {
      return // let the browser post it: the server answers with an error summary
    }
    event.preventDefault()
    const progress = document.getElementById(form.dataset.uploadProgress)
    const status = document.getElementById(form.dataset.uploadProgress + '-status')
    progress.hidden = false
    const xhr = new XMLHttpRequest()
    xhr.open('POST', form.action)
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) {
        progress.max = e.total
        progress.value = e.loaded
        status.textContent = Math.round(100 * e.loaded / e.total) + '% sent'
      }
    })
    xhr.addEventListener('load', () => {
      if (xhr.status < 400 && xhr.responseURL && xhr.responseURL !== form.action) {
        window.location.assign(xhr.responseURL) // the batch page the server redirected to
      } else {
        form.submit() // an error: post it plainly, so the page shows the server's error summary
      }
    })
    xhr.addEventListener('error', () => { status.textContent = 'The upload failed. Try again.' })
    status.textContent = 'Sending…'
    xhr.send(new FormData(form))
  })
}
