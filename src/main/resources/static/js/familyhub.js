// Progressive enhancement: the pages work without JavaScript; with it, GOV.UK components come alive and large
// uploads show a progress bar. Loaded as a module file (the Content-Security-Policy forbids inline script).
import { initAll } from '/webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// An upload form marked data-upload-progress sends its file with XMLHttpRequest to show progress, then follows
// the server's redirect to the batch page. An error answer (the upload page with its error summary) replaces the
// page's main content in place: posting the form again would send the file, and make its batch, twice.
function enhanceUploads (root) {
  for (const form of root.querySelectorAll('form[data-upload-progress]')) {
    form.addEventListener('submit', (event) => {
      const input = form.querySelector('input[type=file]')
      if (!input || !input.files || input.files.length === 0 || !window.FormData || !window.DOMParser) {
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
          return
        }
        const answer = new DOMParser().parseFromString(xhr.responseText, 'text/html')
        const main = answer.querySelector('main')
        if (!main) {
          status.textContent = 'The upload failed. Try again.'
          return
        }
        document.title = answer.title
        document.querySelector('main').replaceWith(main)
        initAll({ scope: main }) // the error summary takes the focus, as on a page load
        enhanceUploads(main)
      })
      xhr.addEventListener('error', () => { status.textContent = 'The upload failed. Try again.' })
      status.textContent = 'Sending…'
      xhr.send(new FormData(form))
    })
  }
}

enhanceUploads(document)
