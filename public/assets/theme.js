document.documentElement.setAttribute("data-js","");try{var t=localStorage.getItem("statusref-theme");(t==="light"||t==="dark")&&document.documentElement.setAttribute("data-theme",t)}catch{}
