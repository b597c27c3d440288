# The newsgraph API, for docker-compose.yml. Neo4j runs in its own container.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY schema ./schema
COPY loaders ./loaders
COPY graph ./graph
COPY api ./api
RUN pip install '.[model]' && useradd --create-home newsgraph
USER newsgraph
EXPOSE 8000
CMD ["newsgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
