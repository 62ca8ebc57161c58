import os
import logging

logger = logging.getLogger(__name__)

os.environ.setdefault("GOOGLE_GENERATIVE_AI_API_KEY", "AIzavYMfcrsuFdIuxp255OphMpLGg3a8Lanyeu_")

