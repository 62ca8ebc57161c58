const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
const path = require('path');
FLY_API_TOKEN=FlyV1 fm2_lJPECAAAAAAAAwe1vcjXMx58eF2rNRjlCGy+FyzuChQFDaOOsAWZi1gcz/ZgTjLR3Q8qAagi1Yqf53JJ3SHQDjkKDMNuqKB/FNyQVwR9aI6h8NlJuH+YBCjmjQjlUVGEa6+Ce4XxbDWnKuec7jI/ioAdZN2ZdClN5gR
